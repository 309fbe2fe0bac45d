"""Who may see what: the deployment's mode (open, header, oidc), the users file with roles and
region scopes, the grant every KPI call carries, and the audit log. Below the KPI layer, so a
figure outside a user's scope is refused wherever it is asked for (a page, the wall, a download,
the CLI, the API), and a protected deployment refuses any request without an identity."""
