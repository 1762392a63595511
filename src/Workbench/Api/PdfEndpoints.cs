using ArPlatform.Workbench.SignIn;

namespace ArPlatform.Workbench.Api;

/// <summary>A letter's PDF, fetched as the signed-in person and streamed to the browser (which holds no token).</summary>
public static class PdfEndpoints
{
    public static void MapPdfEndpoints(this WebApplication app) =>
        app.MapGet("/tenants/{tenantId:guid}/letters/{messageId:guid}", async (Guid tenantId, Guid messageId, HttpContext http, PlatformApi api, CancellationToken ct) =>
        {
            if (!new CurrentUser(http.User).Holds(tenantId))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You do not work for this client.");
            }

            try
            {
                var response = await api.StreamAsync($"/api/v1/collections/messages/{messageId}/pdf", tenantId, ct);
                http.Response.RegisterForDispose(response);
                return Results.Stream(await response.Content.ReadAsStreamAsync(ct), "application/pdf", $"letter-{messageId}.pdf");
            }
            catch (ApiException e)
            {
                return Results.Problem(statusCode: (int)e.Status, title: e.Message);
            }
        }).RequireAuthorization().WithMetadata(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = WorkbenchSignIn.CookieScheme });
}
