// The appliance's error type: a status code and a message naming the bad argument.
// services.cpp maps Code one to one onto grpc::StatusCode.
#pragma once

#include <stdexcept>
#include <string>

namespace appliance {

enum class Code {
    InvalidArgument,
    NotFound,
    FailedPrecondition,
    OutOfRange,
    ResourceExhausted,
    PermissionDenied,
    Unauthenticated,
    Aborted,
    Cancelled,
    DeadlineExceeded,
    Unavailable, // the appliance is shutting down
    Internal,
};

class Error : public std::runtime_error {
  public:
    Error(Code code, const std::string& message) : std::runtime_error(message), code_(code) {}
    Code code() const { return code_; }

  private:
    Code code_;
};

} // namespace appliance
