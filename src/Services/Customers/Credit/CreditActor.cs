using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Customers.Credit;

/// <summary>Who acts on a customer's credit, as its history keeps it.</summary>
internal static class CreditActor
{
    /// <summary>The API client (or person) from the token.</summary>
    public static string Of(HttpContext http) => http.User.Caller() ?? "unknown";
}
