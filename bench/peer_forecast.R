# R's forecast::ets as a peer of bench/run.py (the protocol of bench/peers.py):
#   Rscript bench/peer_forecast.R DATA.csv DAMPED HORIZON
# Fits ETS(A,A,N) or ETS(A,Ad,N) (model "AAN", damped FALSE/TRUE, default bounds and optimiser) to every
# series with 95% intervals; answers each "run" line on stdin with the wall time inside R and each
# series' log-likelihood -n/2 (log(2 pi SSE/n) + 1) from its one-step residuals.
args <- commandArgs(trailingOnly = TRUE)
ok <- suppressWarnings(suppressMessages(requireNamespace("forecast", quietly = TRUE)))
if (!ok) {
  cat("absent: the R package forecast is not installed\n")
  quit(status = 0)
}
panel <- as.matrix(read.csv(args[1], header = FALSE))
damped <- args[2] == "1"
horizon <- as.integer(args[3])
fit_one <- function(y) {
  fit <- forecast::ets(y, model = "AAN", damped = damped)
  forecast::forecast(fit, h = horizon, level = 95)
  e <- y - as.numeric(fitted(fit))
  n <- length(y)
  -0.5 * n * (log(2 * pi * sum(e * e) / n) + 1)
}
for (i in seq_len(nrow(panel))) invisible(fit_one(panel[i, ]))  # warm-up
cat("ready\n")
input <- file("stdin")
open(input)
repeat {
  line <- readLines(input, n = 1)
  if (length(line) == 0 || trimws(line) != "run") break
  start <- proc.time()[["elapsed"]]
  llf <- vapply(seq_len(nrow(panel)), function(i) fit_one(panel[i, ]), numeric(1))
  seconds <- proc.time()[["elapsed"]] - start
  cat(sprintf('{"seconds": %.6f, "llf": [%s]}\n', seconds, paste(sprintf("%.12g", llf), collapse = ", ")))
  flush(stdout())
}
