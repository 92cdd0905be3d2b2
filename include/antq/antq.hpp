#pragma once

/** @file Umbrella header: everything antq offers. */

#include <antq/analysis/accountability.hpp>
#include <antq/analysis/coordination.hpp>
#include <antq/analysis/hierarchy.hpp>
#include <antq/analysis/load.hpp>
#include <antq/analysis/oversight.hpp>
#include <antq/analysis/reach.hpp>
#include <antq/directive/compile.hpp>
#include <antq/directive/directive.hpp>
#include <antq/directive/role.hpp>
#include <antq/errors.hpp>
#include <antq/evaluation/evaluation.hpp>
#include <antq/evaluation/follow_up.hpp>
#include <antq/evaluation/grassroots.hpp>
#include <antq/evaluation/models.hpp>
#include <antq/evaluation/rules.hpp>
#include <antq/fwd.hpp>
#include <antq/graph/org_graph.hpp>
#include <antq/graph/selector.hpp>
#include <antq/io/datasets.hpp>
#include <antq/io/directive_json.hpp>
#include <antq/io/dot.hpp>
#include <antq/io/graphml.hpp>
#include <antq/io/json.hpp>
#include <antq/model/ids.hpp>
#include <antq/model/level.hpp>
#include <antq/model/text.hpp>
#include <antq/model/tie.hpp>
#include <antq/model/tie_kind.hpp>
#include <antq/model/unit.hpp>
#include <antq/model/unit_kind.hpp>
#include <antq/model/value.hpp>
#include <antq/version.hpp>
