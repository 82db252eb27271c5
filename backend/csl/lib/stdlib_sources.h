// CSL sources of library modules written in CSL (lib/stdlib_sources.cpp): <malloc>,
// <complex>, <timer> and the queue flush part of <tile_config>.
#pragma once

namespace csl::lib {

extern const char* const kTileConfigQueuePartsSource; // appended to <tile_config>
extern const char* const kQueueFlushSource;           // <tile_config/queue_flush>
extern const char* const kInputQueueStatusSource;     // <tile_config/input_queue_status>
extern const char* const kOutputQueueStatusSource;    // <tile_config/output_queue_status>
extern const char* const kMallocSource;               // <malloc>
extern const char* const kComplexSource;              // <complex>
extern const char* const kTimerSource;                // <timer>
extern const char* const kMathFunctionsSource;        // appended to <math>
extern const char* const kRandomSource;               // <random>
extern const char* const kDsdOpsSource;               // <dsd_ops>

} // namespace csl::lib
