// The custody check of an evidence bundle: replaying the records in leaf order, how much of each batch
// each party holds (in thousandths) never goes negative, and every step on a batch is recorded by a
// party that holds or held it. A batch record credits its party with its quantity; ship, sell and a
// transformation's inputs debit the acting party; a receipt credits the receiver. Corrections
// (records with "corrects") restate a step and move nothing. Batches whose own record is not in the
// file (outputs of other transformations) are not accounted.
// Thread-safe (a pure function writing into the caller's report).
#pragma once

#include "verify/leaf_record.h"
#include "verify/report.h"

namespace verify {

void check_custody(const Records& records, Report& report);

}  // namespace verify
