using ArPlatform.Workbench.SignIn;

namespace ArPlatform.Workbench.Api;

/// <summary>Files of the platform (a letter's PDF, a client report's XLSX or PDF), fetched as the signed-in person and streamed to the browser (which holds no token).</summary>
public static class PdfEndpoints
{
    public static void MapPdfEndpoints(this WebApplication app)
    {
        app.MapGet("/tenants/{tenantId:guid}/letters/{messageId:guid}", (Guid tenantId, Guid messageId, HttpContext http, PlatformApi api, CancellationToken ct) =>
                StreamAsync(http, api, tenantId, $"/api/v1/collections/messages/{messageId}/pdf", "application/pdf", $"letter-{messageId}.pdf", ct))
            .RequireAuthorization().WithMetadata(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = WorkbenchSignIn.CookieScheme });
        app.MapGet("/tenants/{tenantId:guid}/reports/{reportId:guid}/{format:regex(^(xlsx|pdf)$)}",
                (Guid tenantId, Guid reportId, string format, HttpContext http, PlatformApi api, CancellationToken ct) =>
                    StreamAsync(http, api, tenantId, $"/api/v1/reports/periodic/{reportId}?format={format}",
                        format == "pdf" ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"collections-report-{reportId}.{format}", ct))
            .RequireAuthorization().WithMetadata(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = WorkbenchSignIn.CookieScheme });
    }

    private static async Task<IResult> StreamAsync(HttpContext http, PlatformApi api, Guid tenantId, string path, string contentType, string fileName, CancellationToken ct)
    {
        if (!new CurrentUser(http.User).Holds(tenantId))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You do not work for this client.");
        }

        try
        {
            var response = await api.StreamAsync(path, tenantId, ct);
            http.Response.RegisterForDispose(response);
            var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? fileName;
            return Results.Stream(await response.Content.ReadAsStreamAsync(ct), contentType, name);
        }
        catch (ApiException e)
        {
            return Results.Problem(statusCode: (int)e.Status, title: e.Message);
        }
    }
}
