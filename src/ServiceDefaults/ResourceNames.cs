namespace ArPlatform.ServiceDefaults;

/// <summary>
/// Resource names of the topology. They double as connection-string names (ConnectionStrings__{name}) and
/// service-discovery names (services__{name}__http__0), so the AppHost and the services share them.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Messaging = "messaging";
    public const string Cache = "cache";
    public const string Mail = "mail";

    public const string IdentityDb = "identitydb";
    public const string CustomersDb = "customersdb";
    public const string InvoicesDb = "invoicesdb";
    public const string CollectionsDb = "collectionsdb";
    public const string DocumentsDb = "documentsdb";
    public const string ReportingDb = "reportingdb";

    public const string Identity = "identity";
    public const string Customers = "customers";
    public const string Invoices = "invoices";
    public const string Collections = "collections";
    public const string Documents = "documents";
    public const string Reporting = "reporting";
    public const string Gateway = "gateway";
    public const string Workbench = "workbench";

    public const string AdminClientSecret = "admin-client-secret";
    public const string TestClock = "test-clock";
}
