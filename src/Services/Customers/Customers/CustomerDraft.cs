using ArPlatform.Contracts;
using ArPlatform.Customers.Credit;
using ArPlatform.ServiceDefaults.Http;

namespace ArPlatform.Customers.Customers;

/// <summary>A customer as registered through the API or a CSV import: the rules it must meet and the customer it becomes.</summary>
public static class CustomerDraft
{
    /// <summary>Every rule except the parent's existence, which needs the database; an import row may also give an opening credit limit.</summary>
    public static Validation Validate(RegisterCustomerRequest request, decimal? openingLimit = null)
    {
        var validation = new Validation().Required("code", request.Code, maxLength: 50).Required("name", request.Name, maxLength: 200)
            .Details(request.TradeName, request.Type, request.Status, request.Tags, request.AssignedCollector, request.Portfolio, request.Addresses, request.Terms);
        var (gstin, pan, stateCode) = (Trimmed(request.Gstin), Trimmed(request.Pan), request.StateCode?.Trim());
        var gstinValid = false;
        if (gstin is not null)
        {
            var rule = Gstin.Validate(gstin);
            validation.When(rule is not null, "gstin", rule ?? "");
            gstinValid = rule is null;
        }

        if (pan is not null && Pan.Validate(pan) is { } panRule)
        {
            validation.Add("pan", panRule);
        }
        else if (pan is not null && gstinValid && gstin![2..12] != pan)
        {
            validation.Add("pan", $"does not match the PAN inside the GSTIN ({gstin[2..12]}, characters 3-12).");
        }

        if (gstinValid && stateCode is not null && stateCode != gstin![..2])
        {
            validation.Add("stateCode", $"does not match the GSTIN's state code {gstin[..2]}.");
        }
        else if (!gstinValid && stateCode is not null && !IndianStates.ByCode.ContainsKey(stateCode))
        {
            validation.Add("stateCode", "must be a GST state code: 01-38, 97 or 99.");
        }

        if (openingLimit is not null)
        {
            validation.Limit("creditLimit", openingLimit);
        }

        return validation;
    }

    /// <summary>The rules for the details a customer is registered and updated with.</summary>
    public static Validation Details(
        this Validation validation, string? tradeName, string? type, string? status, List<string>? tags, string? collector, string? portfolio,
        List<AddressRequest>? addresses, CustomerTerms? terms)
    {
        validation
            .Text("tradeName", tradeName, maxLength: 200)
            .When(type is not null && !CustomerTypes.All.Contains(type), "type", $"must be one of {string.Join(", ", CustomerTypes.All)}.")
            .When(status is not null && !CustomerStatuses.All.Contains(status), "status", $"must be one of {string.Join(", ", CustomerStatuses.All)}.")
            .When(tags is { Count: > 50 } || tags?.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 50 || t.Any(char.IsControl)) == true, "tags",
                "at most 50 tags of 1 to 50 characters.")
            .Text("assignedCollector", collector, maxLength: 100)
            .Text("portfolio", portfolio, maxLength: 100)
            .When(addresses is { Count: > 20 }, "addresses", "at most 20 addresses.");
        for (var i = 0; i < Math.Min(addresses?.Count ?? 0, 20); i++)
        {
            var address = addresses![i];
            validation
                .When(address?.Kind is not { } kind || !AddressRequest.Kinds.Contains(kind), $"addresses[{i}].kind",
                    $"is required: one of {string.Join(", ", AddressRequest.Kinds)}.")
                .Required($"addresses[{i}].line1", address?.Line1, maxLength: 200)
                .Text($"addresses[{i}].line2", address?.Line2, maxLength: 200)
                .Required($"addresses[{i}].city", address?.City, maxLength: 100)
                .When(address?.Pincode is { } pin && !System.Text.RegularExpressions.Regex.IsMatch(pin, "^[1-9][0-9]{5}$"), $"addresses[{i}].pincode",
                    "must be a 6-digit Indian PIN code not starting with 0.")
                .When(address?.StateCode is { } sc && !IndianStates.ByCode.ContainsKey(sc), $"addresses[{i}].stateCode", "must be a GST state code: 01-38, 97 or 99.");
        }

        if (terms is not null)
        {
            validation
                .When(terms.NetDays is < 0 or > 3650, "terms.netDays", "must be between 0 and 3650 days.")
                .When((terms.DiscountPercent is null) != (terms.DiscountDays is null), "terms", "discountPercent and discountDays go together.")
                .When(terms.DiscountPercent is <= 0 or >= 100, "terms.discountPercent", "must be more than 0 and less than 100.")
                .When(terms.DiscountDays is < 1 || terms.DiscountDays > terms.NetDays, "terms.discountDays", "must be at least 1 and within the net days.");
        }

        return validation;
    }

    /// <summary>The customer a valid request becomes; state, region and PAN come from the GSTIN when there is one.</summary>
    public static Customer Build(RegisterCustomerRequest request, Guid tenantId, Guid id, (Guid Id, string Path)? parent, DateTimeOffset now)
    {
        var gstin = Trimmed(request.Gstin);
        var stateCode = gstin is not null ? gstin[..2] : request.StateCode?.Trim();
        var state = stateCode is null ? null : IndianStates.ByCode[stateCode];
        var customer = new Customer
        {
            Id = id,
            TenantId = tenantId,
            Code = request.Code!.Trim(),
            Name = request.Name!.Trim(),
            TradeName = Trimmed(request.TradeName),
            Type = request.Type ?? CustomerTypes.Corporate,
            Status = request.Status ?? CustomerStatuses.Active,
            Tags = [.. (request.Tags ?? []).Select(t => t.Trim()).Distinct()],
            Gstin = gstin,
            Pan = Trimmed(request.Pan) ?? gstin?[2..12],
            StateCode = state?.Code,
            StateName = state?.Name,
            Region = state?.Region,
            ParentId = parent?.Id,
            HierarchyPath = $"{parent?.Path ?? "/"}{id}/",
            AssignedCollector = Trimmed(request.AssignedCollector),
            Portfolio = Trimmed(request.Portfolio),
            Addresses = System.Text.Json.JsonSerializer.Serialize(request.Addresses ?? [], System.Text.Json.JsonSerializerOptions.Web),
            DefaultNetDays = request.Terms?.NetDays,
            DefaultDiscountPercent = request.Terms?.DiscountPercent,
            DefaultDiscountDays = request.Terms?.DiscountDays,
            CreatedAt = now,
        };
        customer.IndexWords();
        return customer;
    }

    /// <summary>A field as stored: trimmed, and null when blank.</summary>
    internal static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
