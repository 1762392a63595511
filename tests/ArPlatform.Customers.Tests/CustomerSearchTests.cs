using ArPlatform.Customers.Customers;

namespace ArPlatform.Customers.Tests;

/// <summary>The words customers are stored and searched by: documents and queries are split alike, and tagged per tenant.</summary>
public sealed class CustomerSearchTests
{
    private static readonly Guid TenantA = Guid.Parse("01a207b6-b467-7bae-a7cc-b3ef45c4591e");
    private static readonly Guid TenantB = Guid.Parse("01a207b6-b467-7bae-a7cc-00000000beef");

    [Fact]
    public void Words_are_runs_of_letters_and_digits_in_lower_case_and_anything_else_separates_them()
    {
        Assert.Equal(["sri", "lakshmi", "traders", "cust", "0000042", "100"], CustomerSearch.Words("Sri LAKSHMI  Traders (CUST-0000042) 100%"));
        Assert.Equal(["yamuna", "agencies"], CustomerSearch.Words("Yamuna_Agencies"));
        Assert.Empty(CustomerSearch.Words("&|! -"));
        Assert.Empty(CustomerSearch.Words(null));
    }

    [Fact]
    public void The_vowel_signs_of_Indian_scripts_stay_inside_their_word()
    {
        // लक्ष्मी has a virama and vowel signs (combining marks): one word, not five pieces.
        Assert.Equal(["श्री", "लक्ष्मी", "ट्रेडर्स"], CustomerSearch.Words("श्री लक्ष्मी ट्रेडर्स"));
        Assert.Equal(["சென்னை"], CustomerSearch.Words("சென்னை"));
    }

    [Fact]
    public void A_document_holds_each_word_once_tagged_with_its_tenant()
    {
        var words = CustomerSearch.Document(TenantA, "Ganga Traders", "Ganga", "GT-1").Select(l => l.Text).ToList();

        Assert.Equal(["3ef45c4591e:1", "3ef45c4591e:ganga", "3ef45c4591e:gt", "3ef45c4591e:traders"], words.Select(w => w[1..]));
        Assert.All(words, w => Assert.StartsWith("b3ef45c4591e:", w));
        Assert.All(CustomerSearch.Document(TenantB, "Ganga Traders", null, "GT-1"), l => Assert.StartsWith("00000000beef:", l.Text));
    }

    [Fact]
    public void A_query_asks_for_every_word_of_the_tenant_the_last_one_as_a_prefix()
    {
        Assert.Equal("'b3ef45c4591e:lakshmi' & 'b3ef45c4591e:bal':*", CustomerSearch.Query(TenantA, "Lakshmi, Bal"));
        Assert.Equal("'00000000beef:srch':*", CustomerSearch.Query(TenantB, " srch "));
        Assert.Null(CustomerSearch.Query(TenantA, "%&!"));
    }

    [Fact]
    public void A_last_word_with_completions_asks_for_any_of_them_whole()
    {
        Assert.Equal("'b3ef45c4591e:lakshmi' & ('b3ef45c4591e:balaji' | 'b3ef45c4591e:balajinagar')",
            CustomerSearch.Query(TenantA, "lakshmi bal", ["balaji", "balajinagar"]));
        Assert.Equal("'b3ef45c4591e:bal':*", CustomerSearch.Query(TenantA, "bal", []));
    }

    [Fact]
    public void The_word_list_keeps_words_that_start_with_a_letter()
    {
        Assert.True(CustomerSearch.IsListed("lakshmi"));
        Assert.True(CustomerSearch.IsListed("c00123"));
        Assert.True(CustomerSearch.IsListed("लक्ष्मी"));
        Assert.False(CustomerSearch.IsListed("0000042"));
        Assert.False(CustomerSearch.IsListed("४२"));
        Assert.False(CustomerSearch.IsListed(""));
    }
}
