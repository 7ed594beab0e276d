// ontrack: track plan indicators against their targets. Include this for everything.
#pragma once

#include <ontrack/aggregation.hpp>
#include <ontrack/assessment.hpp>
#include <ontrack/backtest.hpp>
#include <ontrack/batch.hpp>
#include <ontrack/batch_assessment.hpp>
#include <ontrack/composite.hpp>
#include <ontrack/distribution.hpp>
#include <ontrack/error.hpp>
#include <ontrack/evaluation.hpp>
#include <ontrack/extraction.hpp>
#include <ontrack/indicator.hpp>
#include <ontrack/observations.hpp>
#include <ontrack/period.hpp>
#include <ontrack/plan.hpp>
#include <ontrack/progress_rules.hpp>
#include <ontrack/projection.hpp>
#include <ontrack/ratio.hpp>
#include <ontrack/region.hpp>
#include <ontrack/scenario.hpp>
#include <ontrack/series.hpp>
#include <ontrack/status.hpp>
#include <ontrack/target.hpp>
#include <ontrack/targets_file.hpp>
#include <ontrack/unit.hpp>
#include <ontrack/version.hpp>
