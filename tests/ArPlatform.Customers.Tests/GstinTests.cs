using ArPlatform.Customers.Customers;

namespace ArPlatform.Customers.Tests;

/// <summary>Published GSTIN vectors from public validators' test suites (real registrations and known-bad values).</summary>
public sealed class GstinTests
{
    [Theory]
    [InlineData("37AAACI1681G2ZN")]
    [InlineData("38AAALS7119L1ZH")] // Ladakh: state code 38, which several libraries wrongly reject
    [InlineData("35AAACI1681G1ZS")]
    [InlineData("12AAACI1681G1Z0")]
    [InlineData("18AAACI1681G1ZO")]
    [InlineData("04AAACI1681G1ZX")]
    [InlineData("22AAACI1681G1ZZ")]
    [InlineData("27AAQCA8719H1Z6")] // the worked example: sum 210, check 6
    public void Real_registrations_are_valid(string gstin) => Assert.Null(Gstin.Validate(gstin));

    [Theory]
    [InlineData("123412341234", "15 characters")]
    [InlineData("27AAPFU0939F1Z", "15 characters")]
    [InlineData("369296450896540", "15 characters")]
    [InlineData("47AAGCG4576J1A6", "15 characters")]
    [InlineData("27AAPFU0939F1AA", "15 characters")]
    [InlineData("27AAGCG4576J1Z8", "check character")]
    [InlineData("25AAACI1681G1Z4", "check character")]
    [InlineData("27AAPFU0939F1Z0", "check character")]
    [InlineData("27AAPFU0939F1ZO", "check character")]
    [InlineData("47AAGCG4576J1Z6", "state code 47")]
    [InlineData("27aaqca8719h1z6", "15 characters")]
    public void Invalid_values_name_the_rule_they_break(string gstin, string rule)
    {
        var error = Gstin.Validate(gstin);
        Assert.NotNull(error);
        Assert.Contains(rule, error);
    }

    [Fact]
    public void The_check_character_of_the_worked_example_is_6() => Assert.Equal('6', Gstin.CheckCharacter("27AAQCA8719H1Z"));
}
