// A client's POSIX shared memory object mapped into the appliance: the bulk-data path for
// memcpy when client and appliance share a machine (unix socket). The words then skip
// protobuf encoding, the HTTP/2 framing and two copies on each side (docs/appliance.md,
// "Throughput").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace appliance {

// Names the appliance accepts: "/tessera-shm-" followed by letters, digits, '-' and '_'.
inline constexpr std::string_view kSharedMemoryPrefix = "/tessera-shm-";

class SharedMemoryMapping {
  public:
    // Maps the first `bytes` bytes of the object `name`. Throws appliance::Error naming
    // `what` when the name is malformed (InvalidArgument), the object is missing
    // (NotFound), belongs to another user or is not a regular object (PermissionDenied),
    // or is smaller than `bytes` (InvalidArgument).
    SharedMemoryMapping(const std::string& name, size_t bytes, bool writable,
                        const std::string& what);
    ~SharedMemoryMapping();
    SharedMemoryMapping(const SharedMemoryMapping&) = delete;
    SharedMemoryMapping& operator=(const SharedMemoryMapping&) = delete;

    std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }
    char* data() { return static_cast<char*>(data_); }

  private:
    void* data_ = nullptr;
    size_t size_ = 0;
};

// True when a call from `peer` (grpc::ServerContext::peer()) may use shared memory:
// unix-socket and in-process clients run on the appliance's machine.
bool peerSharesMachine(const std::string& peer);

} // namespace appliance
