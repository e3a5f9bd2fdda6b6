// A catalogue written as of a moment (the demo's `dates_as_of`) is moved to the moment
// it is loaded, so that its story — a group still open, an offer with hours left, a
// group that expired last week — reads the same on any day it is loaded, and no test
// or demo ages with the calendar.
#pragma once

#include "model.hpp"

namespace liaoxiu {

// If `catalogue.dates_as_of` is set: every instant moves by (now − dates_as_of), every
// calendar day by the number of China-time days between the two, and dates_as_of is
// cleared. Instants keep their exact distances from each other (an offer made 5 hours
// before still lapses 19 hours after), days keep their weekdays' distance from today;
// between the two there is a drift of less than a day, which every demo group's margins
// (deadlines days before departure) absorb. A catalogue without dates_as_of is untouched.
void rebase_dates(Catalogue& catalogue, Instant now);

}  // namespace liaoxiu
