// Allowed: http may use sla and, through it, core.
#pragma once
#include "sla/clock.hpp"
