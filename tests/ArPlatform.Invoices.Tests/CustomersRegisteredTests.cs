using System.Text.Json;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;

namespace ArPlatform.Invoices.Tests;

public sealed class CustomersRegisteredTests
{
    [Fact]
    public void A_batch_keeps_its_customers_in_columns_and_leaves_out_a_column_none_of_them_has_through_the_outbox()
    {
        var (first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var batch = CustomersRegistered.Of(Guid.CreateVersion7(), DateTimeOffset.UtcNow,
            [new RegisteredCustomer(first, "C-1", "One", "27AAACI1681G1ZP", new CustomerTerms(45)), new RegisteredCustomer(second, "C-2", "Two", null)]);

        var body = JsonSerializer.Serialize(batch, OutboxModel.Json);
        Assert.DoesNotContain("discount", body, StringComparison.OrdinalIgnoreCase);
        var read = JsonSerializer.Deserialize<CustomersRegistered>(body, OutboxModel.Json)!;

        Assert.Equal([first, second], read.CustomerIds);
        Assert.Equal(["C-1", "C-2"], read.Codes);
        Assert.Equal(new string?[] { "27AAACI1681G1ZP", null }, read.Gstins);
        Assert.Equal((new CustomerTerms(45), null), (read.TermsAt(0), read.TermsAt(1)));
        Assert.Null(read.DiscountPercents);
    }
}
