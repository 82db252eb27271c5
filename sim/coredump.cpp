#include "sim/coredump.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <stdexcept>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sim {

namespace {

struct FileCloser {
    void operator()(FILE* f) const { std::fclose(f); }
};

bool pageIsZero(const uint8_t* page) {
    static const uint8_t zeros[kCorePageBytes] = {};
    return std::memcmp(page, zeros, kCorePageBytes) == 0;
}

} // namespace

void writeCoreDump(const std::string& path, const CoreHeader& headerIn,
                   const std::vector<CorePeRecord>& pesIn,
                   const std::function<const uint8_t*(uint32_t)>& sram) {
    std::unique_ptr<FILE, FileCloser> file(std::fopen(path.c_str(), "wb"));
    if (!file)
        throw std::runtime_error("cannot write core dump " + path + ": " + std::strerror(errno));
    CoreHeader header = headerIn;
    std::vector<CorePeRecord> pes = pesIn;
    header.peCount = uint32_t(pes.size());
    header.peRecordBytes = sizeof(CorePeRecord);
    header.peTableOffset = sizeof(CoreHeader);
    header.dataOffset = header.peTableOffset + uint64_t(pes.size()) * sizeof(CorePeRecord);
    // Page-align the data area so readers can map single pages if they want to.
    header.dataOffset = (header.dataOffset + kCorePageBytes - 1) / kCorePageBytes * kCorePageBytes;
    uint64_t offset = header.dataOffset;
    for (uint32_t i = 0; i < pes.size(); ++i) {
        pes[i].sramPageMask = 0;
        pes[i].sramOffset = offset;
        const uint8_t* mem = sram(i);
        if (!mem)
            continue;
        for (uint32_t p = 0; p < kCorePagesPerPe; ++p) {
            if (!pageIsZero(mem + p * kCorePageBytes)) {
                pes[i].sramPageMask |= 1u << p;
                offset += kCorePageBytes;
            }
        }
    }
    auto put = [&](const void* data, size_t n) {
        if (std::fwrite(data, 1, n, file.get()) != n)
            throw std::runtime_error("cannot write core dump " + path + ": " +
                                     std::strerror(errno));
    };
    put(&header, sizeof header);
    put(pes.data(), pes.size() * sizeof(CorePeRecord));
    const uint64_t written = sizeof header + pes.size() * sizeof(CorePeRecord);
    std::vector<uint8_t> pad(header.dataOffset - written, 0);
    put(pad.data(), pad.size());
    for (uint32_t i = 0; i < pes.size(); ++i) {
        if (!pes[i].sramPageMask)
            continue;
        const uint8_t* mem = sram(i);
        for (uint32_t p = 0; p < kCorePagesPerPe; ++p)
            if (pes[i].sramPageMask & (1u << p))
                put(mem + p * kCorePageBytes, kCorePageBytes);
    }
    if (std::fflush(file.get()) != 0)
        throw std::runtime_error("cannot write core dump " + path + ": " + std::strerror(errno));
}

CoreDumpReader::CoreDumpReader(const std::string& path) : path_(path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw std::runtime_error("cannot open core dump " + path + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size < off_t(sizeof(CoreHeader))) {
        ::close(fd);
        throw std::runtime_error(path + ": not a Tessera core dump (file too short)");
    }
    size_ = size_t(st.st_size);
    void* map = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED)
        throw std::runtime_error("cannot map core dump " + path + ": " + std::strerror(errno));
    base_ = static_cast<const uint8_t*>(map);
    std::memcpy(&header_, base_, sizeof header_);
    auto fail = [&](const std::string& why) {
        ::munmap(const_cast<uint8_t*>(base_), size_);
        base_ = nullptr;
        throw std::runtime_error(path + ": " + why);
    };
    if (header_.magic != kCoreMagic)
        fail("not a Tessera core dump (bad magic)");
    if (header_.version != kCoreVersion)
        fail("unsupported core dump version " + std::to_string(header_.version) +
             " (this build reads version " + std::to_string(kCoreVersion) + ")");
    if (header_.peRecordBytes != sizeof(CorePeRecord) ||
        header_.peCount != uint64_t(header_.width) * header_.height ||
        header_.peTableOffset % alignof(CorePeRecord) != 0 || header_.peTableOffset > size_ ||
        uint64_t(header_.peCount) * sizeof(CorePeRecord) > size_ - header_.peTableOffset)
        fail("corrupt core dump (PE table does not fit the file)");
}

CoreDumpReader::~CoreDumpReader() {
    if (base_)
        ::munmap(const_cast<uint8_t*>(base_), size_);
}

const CorePeRecord& CoreDumpReader::pe(uint32_t x, uint32_t y) const {
    if (x >= header_.width || y >= header_.height)
        throw std::out_of_range("PE(" + std::to_string(x) + "," + std::to_string(y) +
                                ") is outside the " + std::to_string(header_.width) + "x" +
                                std::to_string(header_.height) + " rectangle of " + path_);
    const size_t index = size_t(y) * header_.width + x;
    return *reinterpret_cast<const CorePeRecord*>(base_ + header_.peTableOffset +
                                                  index * sizeof(CorePeRecord));
}

std::vector<uint8_t> CoreDumpReader::readSram(uint32_t x, uint32_t y, uint32_t address,
                                              uint32_t size) const {
    const CorePeRecord& rec = pe(x, y);
    if (uint64_t(address) + size > kCorePagesPerPe * kCorePageBytes)
        throw std::out_of_range("SRAM range " + std::to_string(address) + "+" +
                                std::to_string(size) + " exceeds 48 KB");
    std::vector<uint8_t> out(size, 0);
    for (uint32_t i = 0; i < size;) {
        const uint32_t a = address + i;
        const uint32_t page = a / kCorePageBytes;
        const uint32_t inPage = a % kCorePageBytes;
        const uint32_t n = std::min(size - i, kCorePageBytes - inPage);
        if (rec.sramPageMask & (1u << page)) {
            const uint32_t before = std::popcount(rec.sramPageMask & ((1u << page) - 1));
            // Checked against the file size before adding, so a corrupt sramOffset cannot
            // wrap around and point back into (or before) the mapping.
            const uint64_t inPe = uint64_t(before) * kCorePageBytes + inPage;
            if (rec.sramOffset > size_ || inPe + n > size_ - rec.sramOffset)
                throw std::runtime_error(path_ + ": truncated core dump (SRAM page missing)");
            const uint64_t off = rec.sramOffset + inPe;
            std::memcpy(out.data() + i, base_ + off, n);
        }
        i += n;
    }
    return out;
}

} // namespace sim
