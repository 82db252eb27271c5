#include "backend/appliance/shared_memory.h"

#include "backend/appliance/error.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace appliance {

namespace {

bool validName(const std::string& name) {
    if (name.size() <= kSharedMemoryPrefix.size() || name.size() > 200 ||
        name.compare(0, kSharedMemoryPrefix.size(), kSharedMemoryPrefix) != 0)
        return false;
    for (size_t i = kSharedMemoryPrefix.size(); i < name.size(); ++i) {
        const char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    }
    return true;
}

struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

SharedMemoryMapping::SharedMemoryMapping(const std::string& name, size_t bytes, bool writable,
                                         const std::string& what) {
    if (!validName(name))
        throw Error(Code::InvalidArgument, what + ": shm_name '" + name +
                                               "' is not a shared memory name of the form " +
                                               std::string(kSharedMemoryPrefix) + "[A-Za-z0-9_-]+");
    Fd fd{::shm_open(name.c_str(), (writable ? O_RDWR : O_RDONLY) | O_NOFOLLOW | O_CLOEXEC, 0)};
    if (fd.fd < 0) {
        const int e = errno;
        throw Error(e == ENOENT ? Code::NotFound : Code::PermissionDenied,
                    what + ": shm_name '" + name + "': cannot open the shared memory (" +
                        std::strerror(e) + "); client and appliance must share a machine");
    }
    struct stat st {};
    if (::fstat(fd.fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid())
        throw Error(Code::PermissionDenied,
                    what + ": shm_name '" + name +
                        "' is not a shared memory object of the appliance's user");
    if (uint64_t(st.st_size) < bytes)
        throw Error(Code::InvalidArgument, what + ": shm_name '" + name + "' holds " +
                                               std::to_string(st.st_size) +
                                               " bytes, the copy needs " + std::to_string(bytes));
    size_ = bytes;
    if (bytes == 0)
        return;
    void* p = ::mmap(nullptr, bytes, writable ? PROT_READ | PROT_WRITE : PROT_READ,
                     MAP_SHARED | MAP_POPULATE, fd.fd, 0);
    if (p == MAP_FAILED)
        throw Error(Code::ResourceExhausted, what + ": shm_name '" + name + "': cannot map it (" +
                                                 std::strerror(errno) + ")");
    data_ = p;
}

SharedMemoryMapping::~SharedMemoryMapping() {
    if (data_)
        ::munmap(data_, size_);
}

bool peerSharesMachine(const std::string& peer) {
    return peer.rfind("unix:", 0) == 0 || peer.rfind("unix-abstract:", 0) == 0 ||
           peer.rfind("inproc", 0) == 0;
}

} // namespace appliance
