// Wrong on purpose: a pure part including a part above it.
#pragma once
#include "core/time.hpp"
#include "http/api.hpp"
