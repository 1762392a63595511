using ArPlatform.Customers.Customers;

namespace ArPlatform.Customers.Tests;

/// <summary>Published PAN vectors from public validators' test suites.</summary>
public sealed class PanTests
{
    [Theory]
    [InlineData("AAKFD7113K")] // firm
    [InlineData("AAPPV8261K")] // individual
    [InlineData("ABMPA3211G")]
    [InlineData("ACUPA7085R")]
    [InlineData("AFZPK7190K")]
    [InlineData("AAQCA8719H")] // the company inside GSTIN 27AAQCA8719H1Z6
    public void Published_PANs_are_valid(string pan) => Assert.Null(Pan.Validate(pan));

    [Theory]
    [InlineData("ACUPA7085RR", "10 characters")]
    [InlineData("ABMPA32111", "10 characters")]
    [InlineData("ABMXA3211G", "holder type")]
    [InlineData("ACUPA0000R", "0000")]
    [InlineData("234123412347", "10 characters")]
    [InlineData("abmpa3211g", "10 characters")]
    public void Invalid_PANs_name_the_rule_they_break(string pan, string rule) => Assert.Contains(rule, Pan.Validate(pan));
}
