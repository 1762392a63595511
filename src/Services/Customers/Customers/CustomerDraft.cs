using ArPlatform.ServiceDefaults.Http;

namespace ArPlatform.Customers.Customers;

/// <summary>A customer as registered through the API or a CSV import: the rules it must meet and the customer it becomes.</summary>
public static class CustomerDraft
{
    /// <summary>Every rule except the parent's existence, which needs the database.</summary>
    public static Validation Validate(RegisterCustomerRequest request)
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
