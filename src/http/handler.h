#pragma once
#include <functional>

#include "http/request.h"
#include "http/response.h"

namespace tessera::http {

// Completes one request. Call it exactly once, from any thread (typically a worker of the
// ThreadPool); later calls are ignored. Dropping every copy without calling it closes the
// connection.
using Respond = std::function<void(Response)>;

// Called on an I/O thread, so it must not block: offload slow work and respond from there.
// The Request stays valid for as long as any copy of its Respond is alive.
using Handler = std::function<void(Request&, Respond)>;

}  // namespace tessera::http
