"""Render the README's chart from the bundled data: docs/images/china_rd_intensity_2020.png.

China's 13th Five-Year S&T plan set R&D intensity >= 2.5% of GDP by 2020 (target cn13-01 in
examples/data/national_targets.csv). The chart shows the assessment as it could have been made at the
end of 2018 (first-release data through 2017): the linear projection's 95% fan falls short of the
target, status off track; the hollow points are what was published afterwards (2.40% in 2020: missed).

    python docs/make_readme_chart.py          # needs ontrack and matplotlib (pip install ontrack[plot])
"""

from __future__ import annotations

from pathlib import Path

import ontrack as ot

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "examples" / "data"
OUTPUT = REPO / "docs" / "images" / "china_rd_intensity_2020.png"


def main() -> None:
    targets = {t.id: t for t in ot.read_targets(DATA / "national_targets.csv")}
    observations = ot.read_observations(DATA / "observations.csv")
    target = targets["cn13-01"]
    series = ot.select_series(observations, target.region, target.indicator)  # first releases
    figure = ot.plot_target(
        target,
        series,
        as_of="2018-12-31",
        title="China R&D intensity vs the 13th Five-Year target (>= 2.5% by 2020), as of 2018-12-31",
    )
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(OUTPUT, dpi=110)
    print(OUTPUT.relative_to(REPO))


if __name__ == "__main__":
    main()
