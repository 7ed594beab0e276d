# R's forecast::ets as a peer of bench/run.py (the protocol of bench/peers.py):
#   Rscript bench/peer_forecast.R DATA.csv DAMPED HORIZON
# Fits ETS(A,A,N) or ETS(A,Ad,N) (model "AAN", damped FALSE/TRUE, default bounds and optimiser) to every
# series with 95% intervals; answers each "run" line on stdin with the wall time inside R and each
# series' log-likelihood -n/2 (log(2 pi SSE/n) + 1) from its one-step residuals, and whether its
# parameters lie in the box ontrack searches (statsmodels' bounds: alpha and beta/alpha in
# [1e-4, 1 - 1e-4], phi in [0.8, 0.98]); R's own bounds let beta/alpha come closer to 1.
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
  p <- fit$par
  low <- 1e-4 - 1e-9
  high <- 1 - 1e-4 + 1e-9
  ratio <- p[["beta"]] / p[["alpha"]]
  inside <- p[["alpha"]] >= low && p[["alpha"]] <= high && ratio >= low && ratio <= high
  if (damped) inside <- inside && p[["phi"]] >= 0.8 - 1e-9 && p[["phi"]] <= 0.98 + 1e-9
  c(-0.5 * n * (log(2 * pi * sum(e * e) / n) + 1), as.numeric(inside))
}
for (i in seq_len(nrow(panel))) invisible(fit_one(panel[i, ]))  # warm-up
cat("ready\n")
input <- file("stdin")
open(input)
repeat {
  line <- readLines(input, n = 1)
  if (length(line) == 0 || trimws(line) != "run") break
  start <- proc.time()[["elapsed"]]
  fits <- vapply(seq_len(nrow(panel)), function(i) fit_one(panel[i, ]), numeric(2))
  seconds <- proc.time()[["elapsed"]] - start
  cat(sprintf('{"seconds": %.6f, "llf": [%s], "inside": [%s]}\n', seconds, paste(sprintf("%.12g", fits[1, ]), collapse = ", "),
              paste(ifelse(fits[2, ] == 1, "true", "false"), collapse = ", ")))
  flush(stdout())
}
