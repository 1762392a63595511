using ArPlatform.ServiceDefaults;
using ArPlatform.ServiceDefaults.Security;
using ArPlatform.Workbench.Api;
using ArPlatform.Workbench.Components;
using ArPlatform.Workbench.SignIn;

var builder = WebApplication.CreateBuilder(args);
// The AppHost runs the build output, not a publish: its stylesheet is found through the build's static web assets manifest.
builder.WebHost.UseStaticWebAssets();
builder.AddServiceDefaults();
builder.AddWorkbenchSignIn();
builder.AddPlatformApi();
builder.Services.AddRazorComponents();

var app = builder.Build();
app.UseFrameProtection();
app.UsePathBase(WorkbenchSignIn.PathBase);
app.UsePublicOrigin();
// After the path base: routes are matched without /app (called implicitly, routing would run before it).
app.UseRouting();
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapSignInEndpoints();
app.MapPdfEndpoints();
app.MapRazorComponents<App>().RequireAuthorization();
app.Run();
