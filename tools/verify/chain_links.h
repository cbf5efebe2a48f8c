// The checks of an evidence bundle that follow the records' links rather than their bytes: the batch
// asked about is there; every batch made by a transformation has its parents and that transformation
// (listing it as an output, with inputs equal to its parents); every receipt names a shipment in the
// file that it matches; and every party, site and product a record names is in the file.
// Thread-safe (pure functions writing into the caller's report).
#pragma once

#include <string>

#include "verify/leaf_record.h"
#include "verify/report.h"

namespace verify {

void check_chain_links(const Records& records, const std::string& requested_batch, Report& report);

// Fields party, site, product, to and from must name a record of the right type in the file.
void check_references(const Records& records, Report& report);

}  // namespace verify
