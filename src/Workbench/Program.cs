using ArPlatform.ServiceDefaults;
using ArPlatform.Workbench.Api;
using ArPlatform.Workbench.Components;
using ArPlatform.Workbench.SignIn;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWorkbenchSignIn();
builder.AddPlatformApi();
builder.Services.AddRazorComponents();

var app = builder.Build();
app.UsePathBase(WorkbenchSignIn.PathBase);
app.UsePublicOrigin();
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found");
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapSignInEndpoints();
app.MapPdfEndpoints();
app.MapRazorComponents<App>().RequireAuthorization();
app.Run();
