using ArPlatform.Gateway.Routing;
using Microsoft.Extensions.Configuration;

namespace ArPlatform.Gateway.Tests;

public sealed class GatewayRoutesTests
{
    [Theory]
    [InlineData("/connect", "identity", null, null)]
    [InlineData("/api/v1/tenants", "identity", "platform.admin", "platform.admin")]
    [InlineData("/api/v1/customers", "customers", "customers.read", "customers.write")]
    [InlineData("/api/v1/invoices", "invoices", "invoices.read", "invoices.write")]
    [InlineData("/api/v1/payments", "invoices", "invoices.read", "invoices.write")]
    [InlineData("/api/v1/credit-notes", "invoices", "invoices.read", "invoices.write")]
    [InlineData("/api/v1/statements", "invoices", "invoices.read", "invoices.write")]
    [InlineData("/api/v1/collections", "collections", "collections.read", "collections.write")]
    [InlineData("/api/v1/documents", "documents", "documents.read", "documents.write")]
    [InlineData("/api/v1/reports", "reporting", "reports.read", "reports.write")]
    [InlineData("/api/v1/debit-notes", "invoices", "invoices.read", "invoices.write")]
    public void Each_public_prefix_goes_to_its_service_with_its_scopes(string prefix, string service, string? read, string? write)
    {
        var route = Assert.Single(GatewayRoutes.Routes, r => r.Prefix == prefix);
        Assert.Equal(service, route.Service);
        Assert.Equal(read, route.ReadScope);
        Assert.Equal(write, route.WriteScope);
    }

    [Fact]
    public void Only_the_token_endpoints_the_set_password_and_sign_in_pages_the_workbench_and_the_OpenAPI_documents_are_anonymous()
    {
        // The set-password page is guarded by its one-time link's token, not by an access token the person does not have yet;
        // the workbench by its own sign-in cookie (it calls the API back through the gateway with the person's token).
        var anonymous = GatewayRoutes.BuildRoutes().Where(r => r.AuthorizationPolicy == GatewayRoutes.Anonymous).Select(r => r.Match.Path!).ToList();
        Assert.All(anonymous, path => Assert.True(path.StartsWith("/connect/", StringComparison.Ordinal) || path.StartsWith("/openapi/", StringComparison.Ordinal)
            || path.StartsWith("/set-password", StringComparison.Ordinal) || path.StartsWith("/signin/", StringComparison.Ordinal)
            || path.StartsWith("/app/", StringComparison.Ordinal), path));
        Assert.All(GatewayRoutes.BuildRoutes(), r => Assert.False(string.IsNullOrEmpty(r.AuthorizationPolicy)));
    }

    [Fact]
    public void Destinations_come_from_service_discovery_configuration_including_every_replica()
    {
        var settings = GatewayRoutes.Services.ToDictionary(s => $"services:{s}:http:0", s => (string?)$"http://{s}-0:8080");
        settings["services:invoices:http:1"] = "http://invoices-1:8080";
        var clusters = GatewayRoutes.BuildClusters(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        var invoices = Assert.Single(clusters, c => c.ClusterId == "invoices");
        Assert.Equal(["http://invoices-0:8080", "http://invoices-1:8080"], invoices.Destinations!.Values.Select(d => d.Address).Order());
    }

    [Fact]
    public void A_service_without_an_endpoint_is_a_startup_error_that_says_what_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GatewayRoutes.BuildClusters(new ConfigurationBuilder().Build()));
        Assert.Contains("services__identity__http__0", error.Message);
    }
}
