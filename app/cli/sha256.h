// SHA-256 (FIPS 180-4) for checking files sent to the worker; the window computes the same digest with
// QCryptographicHash. Incremental so that a large upload is hashed chunk by chunk as it arrives.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace jitscope::cli {

class Sha256
{
public:
    Sha256();
    void add(const void* data, size_t size);
    std::string hexDigest(); // finishes; the object must not be fed afterwards

private:
    void block(const uint8_t* p);

    uint32_t m_h[8];
    uint8_t m_buffer[64];
    size_t m_used = 0;
    uint64_t m_bytes = 0;
};

} // namespace jitscope::cli
