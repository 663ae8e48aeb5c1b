// The catalogue a new database starts with: the channels of the reference article's mechanisms
// (12345 hotline, commissioners, patrols, micro-wishes, liaisons, building meetings, Open311 …)
// and a coded category tree in the GB/T 39666 style with time limits and escalation ladders, from
// data/casework/*.csv (embedded). Administrators edit both afterwards.
#pragma once

#include "common/status.h"
#include "storage/repositories.h"

namespace lz::services {

// Inserts the shipped channels and categories when the database has none; idempotent.
Status LoadDefaultCasework(storage::Repositories& repos);

}  // namespace lz::services
