// The content of each demo tenant, one file per tenant and language: demo_content_nl.cpp
// (Dutch telecom), demo_content_en.cpp (English webshop), demo_content_zh.cpp (Chinese
// electronics). demo_tenants() (demo_content.cpp) lists them in that order, which the
// deterministic generator depends on. Internal to demo/. Pure constant tables.
#pragma once

#include "demo/demo_content.hpp"

namespace sp::demo {

TenantContent telecom_nl();
TenantContent webshop_uk();
TenantContent electronics_cn();

}  // namespace sp::demo
