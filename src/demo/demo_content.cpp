#include "demo/demo_content.hpp"

#include "demo/demo_tenant_content.hpp"

namespace sp::demo {

const std::vector<TenantContent>& demo_tenants() {
  static const std::vector<TenantContent> tenants = {telecom_nl(), webshop_uk(), electronics_cn()};
  return tenants;
}

}  // namespace sp::demo
