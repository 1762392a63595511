using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ArPlatform.BuildingBlocks.Formatting;
using ArPlatform.Collections.Communications;
using PdfSharp.Pdf.IO;

namespace ArPlatform.Collections.Tests;

/// <summary>Messages and letters rendered from templates: Indian amounts and dates, encoding, defaults, PDF.</summary>
public sealed partial class CommunicationRenderingTests
{
    private static readonly TemplateRenderer Renderer = new();

    private static readonly CommunicationContact Contact =
        new("Ramesh Iyer", "Finance Manager", "finance-manager", "ramesh@shreeganesh.example", "+91 98450 12345");

    private static CommunicationModel Model(string customerName = "Shree Ganesh Traders Pvt. Ltd.", bool withContact = true) => new(
        "CUST-0042",
        customerName,
        withContact ? Contact : null,
        [
            new("INV-1001", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 20), 118000.50m, 118000.50m, 12),
            new("INV-1002", new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 18), 300000m, 250000m, 45),
            new("INV-1003", null, new DateOnly(2026, 12, 7), 999999.99m, 999999.99m, -5),
        ],
        new DateOnly(2026, 12, 2),
        "Priya Sharma",
        "Bharat Steel Distributors",
        new CommunicationParty("Anil Kapoor", "anil.kapoor@bharatsteel.example", "+91 22 4000 1234"),
        "Second reminder",
        "email");

    [Theory]
    [InlineData("118000.5", "₹1,18,000.50")]
    [InlineData("1234567890.12", "₹1,23,45,67,890.12")]
    [InlineData("0", "₹0.00")]
    [InlineData("-500", "-₹500.00")]
    [InlineData("999", "₹999.00")]
    [InlineData("1000", "₹1,000.00")]
    [InlineData("100000", "₹1,00,000.00")]
    [InlineData("10000000", "₹1,00,00,000.00")]
    [InlineData("0.005", "₹0.01")]
    [InlineData("-0.001", "₹0.00")]
    [InlineData("-1234567.891", "-₹12,34,567.89")]
    public void Amounts_are_grouped_in_lakhs_and_crores_with_the_rupee_sign(string amount, string expected)
    {
        var value = decimal.Parse(amount, CultureInfo.InvariantCulture);

        Assert.Equal(expected, IndianMoney.Format(value));
        Assert.Equal(expected.Replace("₹", ""), IndianMoney.FormatPlain(value));
    }

    [Fact]
    public void Amounts_and_dates_do_not_depend_on_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");

            Assert.Equal("1,18,000.50", IndianMoney.FormatPlain(118000.5m));
            Assert.Equal("02-Dec-2026", IndianDate.Format(new DateOnly(2026, 12, 2)));
            Assert.Equal("31-Jan-0999", IndianDate.Format(new DateOnly(999, 1, 31)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_template_can_use_every_variable()
    {
        var model = Model() with
        {
            DisputeReason = "Short supply",
            DisputeNotes = "20 coils of 200 received",
            DisputeAmount = 45000m,
            DisputeInvoiceNumber = "INV-1002",
        };
        var source =
            "{{ customer.code }}|{{ customer.name }}|{{ contact.name }}|{{ contact.role }}|{{ contact.level }}|"
            + "{{ contact.email }}|{{ contact.phone }}|{{ as_of | indian_date }}|{{ collector }}|{{ client.name }}|"
            + "{{ spoc.name }}|{{ spoc.email }}|{{ spoc.phone }}|{{ step.name }}|{{ step.action }}|"
            + "{{ dispute.reason }}|{{ dispute.notes }}|{{ dispute.amount | inr }}|{{ dispute.invoice_number }}|"
            + "{{ totals.open | inr }}|{{ totals.dunned | inr }}|{{ totals.overdue | inr }}|{{ items.size }}|"
            + "{{ as_of | add_days: 7 | indian_date }}|{{ totals.dunned | inr_plain }}\n"
            + "{% for item in items %}{{ item.invoice_number }};{{ item.invoice_date | indian_date }};"
            + "{{ item.due_date | indian_date }};{{ item.open_amount | inr }};{{ item.amount | inr }};{{ item.days_overdue }}\n{% endfor %}";

        var message = Renderer.Render(new MessageTemplate("all", "sms", "{{ customer.name }}", source), model);

        Assert.Equal(
            "CUST-0042|Shree Ganesh Traders Pvt. Ltd.|Ramesh Iyer|Finance Manager|finance-manager|"
            + "ramesh@shreeganesh.example|+91 98450 12345|02-Dec-2026|Priya Sharma|Bharat Steel Distributors|"
            + "Anil Kapoor|anil.kapoor@bharatsteel.example|+91 22 4000 1234|Second reminder|email|"
            + "Short supply|20 coils of 200 received|₹45,000.00|INV-1002|"
            + "₹14,18,000.49|₹13,68,000.49|₹3,68,000.50|3|09-Dec-2026|13,68,000.49\n"
            + "INV-1001;01-Oct-2026;20-Nov-2026;₹1,18,000.50;₹1,18,000.50;12\n"
            + "INV-1002;01-Sep-2026;18-Oct-2026;₹3,00,000.00;₹2,50,000.00;45\n"
            + "INV-1003;;07-Dec-2026;₹9,99,999.99;₹9,99,999.99;-5",
            message.Body);
        Assert.Equal(message.Body, message.Text);
        Assert.Equal("Shree Ganesh Traders Pvt. Ltd.", message.Subject);
    }

    [Fact]
    public void Missing_contact_spoc_collector_and_dispute_are_nil()
    {
        var model = Model(withContact: false) with { Spoc = null, Collector = null };
        var source = "{% if contact %}contact{% endif %}{% if spoc %}spoc{% endif %}{% if dispute %}dispute{% endif %}"
            + "[{{ contact.name }}{{ dispute.amount | inr }}]{{ collector | default: \"Collections team\" }}";

        var message = Renderer.Render(new MessageTemplate("nil", "sms", "", source), model);

        Assert.Equal("[]Collections team", message.Body);
    }

    [Fact]
    public void Values_are_html_encoded_in_an_email_and_written_as_they_are_in_an_sms()
    {
        var model = Model("A & B <Traders>") with
        {
            Items = [new("INV<7>&1", null, new DateOnly(2026, 11, 1), 500m, 500m, 31)],
        };
        var template = new MessageTemplate("t", "email", "Dues of {{ customer.name }}", "<p>Dear {{ customer.name }},</p>{{ items_table }}");

        var email = Renderer.Render(template, model);
        var sms = Renderer.Render(template with { Channel = "sms", Body = "Dear {{ customer.name }}, {{ items_table }}" }, model);

        Assert.Contains("<p>Dear A &amp; B &lt;Traders&gt;,</p>", email.Body);
        Assert.Contains("INV&lt;7&gt;&amp;1", email.Body);
        Assert.DoesNotContain("<Traders>", email.Body);
        Assert.Contains("<table class=\"ar-items\"", email.Body);
        Assert.Equal("Dues of A & B <Traders>", email.Subject);
        Assert.StartsWith("Dear A & B <Traders>,\n\n", email.Text);
        Assert.Contains("INV<7>&1", email.Text);

        Assert.Equal("Dear A & B <Traders>, INV<7>&1 due 01-Nov-2026: ₹500.00\nTotal: ₹500.00", sms.Body);
        Assert.Equal(sms.Body, sms.Text);
    }

    [Fact]
    public void The_text_of_an_email_keeps_its_paragraphs_and_lines_and_the_table_as_rows()
    {
        var template = new MessageTemplate(
            "t",
            "email",
            "s",
            "<style>p { color: red }</style><p>Dear Sir/Madam,</p>\n<p>Please pay\n   the amounts below.<br>Thank you.</p>"
            + "{{ items_table }}<p>See <a href=\"https://pay.example/x\">the payment page</a>.</p>");

        var text = Renderer.Render(template, Model()).Text;

        var lines = text.Split('\n');
        Assert.Equal("Dear Sir/Madam,", lines[0]);
        Assert.Equal("", lines[1]);
        Assert.Equal("Please pay the amounts below.", lines[2]);
        Assert.Equal("Thank you.", lines[3]);
        Assert.Matches(@"^Invoice\s+Due date\s+Days overdue\s+Amount due$", lines[5]);
        Assert.Matches(@"^-+$", lines[6]);
        Assert.Matches(@"^INV-1001\s+20-Nov-2026\s+12\s+₹1,18,000\.50$", lines[7]);
        Assert.Matches(@"^INV-1003\s+07-Dec-2026\s+Not yet due\s+₹9,99,999\.99$", lines[9]);
        Assert.Matches(@"^Total\s+₹13,68,000\.49$", lines[11]);
        Assert.Equal("See the payment page (https://pay.example/x).", lines[^1]);
        Assert.DoesNotContain("color", text);
        // The amounts line up on the right.
        Assert.Equal(lines[7].Length, lines[11].Length);
    }

    [Fact]
    public void A_template_that_does_not_parse_is_rejected_with_fluids_message()
    {
        Assert.False(TemplateRenderer.TryValidate("Dear {% if %}Sir{% endif %}", out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Contains("if", error);

        Assert.True(TemplateRenderer.TryValidate("Dear {% if contact %}{{ contact.name }}{% endif %}", out var none));
        Assert.Null(none);

        var broken = new MessageTemplate("broken", "email", "ok", "{% for item in %}");
        var thrown = Assert.Throws<ArgumentException>(() => Renderer.Render(broken, Model()));
        Assert.Contains("broken", thrown.Message);
    }

    [Fact]
    public void An_unknown_channel_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Renderer.Render(new MessageTemplate("t", "fax", "", ""), Model()));
    }

    [Fact]
    public void The_default_templates_are_the_nine_kinds_of_message()
    {
        Assert.Equal(
            ["agency-referral", "courtesy-reminder", "dispute-routing", "final-notice", "letter-l2", "letter-l3",
                "payment-reminder", "sms-reminder", "spoc-escalation"],
            DefaultTemplates.All.Select(t => t.Code).Order(StringComparer.Ordinal));
        Assert.Equal("letter", DefaultTemplates.Find("final-notice")?.Channel);
        Assert.Equal("sms", DefaultTemplates.Find("SMS-Reminder")?.Channel);
        Assert.Null(DefaultTemplates.Find("missing-contact"));
        Assert.All(DefaultTemplates.All, t => Assert.True(TemplateRenderer.TryValidate(t.Body, out _) && TemplateRenderer.TryValidate(t.Subject, out _)));
    }

    public static TheoryData<string, bool> DefaultTemplateCases()
    {
        var cases = new TheoryData<string, bool>();
        foreach (var template in DefaultTemplates.All)
        {
            cases.Add(template.Code, true);
            cases.Add(template.Code, false);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(DefaultTemplateCases))]
    public void Every_default_template_renders_with_the_total_in_indian_grouping(string code, bool withContact)
    {
        var template = DefaultTemplates.Find(code)!;
        var model = Model(withContact: withContact);

        var message = Renderer.Render(template, model);

        Assert.False(string.IsNullOrWhiteSpace(message.Subject));
        Assert.DoesNotContain("{{", message.Body);
        Assert.DoesNotContain("{%", message.Body);
        Assert.DoesNotContain("Liquid error", message.Body);
        Assert.Contains("13,68,000.49", message.Body);
        Assert.Contains("13,68,000.49", message.Text);
        if (template.Channel == "sms")
        {
            Assert.True(message.Body.Length < 300, $"{message.Body.Length} characters: {message.Body}");
            return;
        }
        Assert.Contains("₹13,68,000.49", message.Body);
        Assert.Contains("INV-1003", message.Text);
        Assert.Contains("Priya Sharma", message.Text);
        Assert.Contains("Bharat Steel Distributors", message.Text);
        Assert.Contains("Dear ", message.Text);
    }

    [Fact]
    public void A_default_template_without_a_collector_is_signed_by_the_collections_team()
    {
        var message = Renderer.Render(DefaultTemplates.Find("payment-reminder")!, Model() with { Collector = null });

        Assert.Contains("Collections team\nOn behalf of Bharat Steel Distributors", message.Text);
    }

    [Fact]
    public void The_final_notice_gives_seven_days_from_the_as_of_date()
    {
        var message = Renderer.Render(DefaultTemplates.Find("final-notice")!, Model());

        Assert.Contains("on or before 09-Dec-2026", message.Text);
        Assert.Contains("₹3,68,000.50", message.Text);
    }

    [Fact]
    public void A_letter_is_a_pdf_with_the_invoices_as_text()
    {
        var model = Model();
        var message = Renderer.Render(DefaultTemplates.Find("letter-l2")!, model);

        var pdf = LetterPdf.Render(model, message);

        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        var text = PdfText(pdf, out var pages);
        Assert.Equal(1, pages);
        Assert.Contains("INV-1001", text);
        Assert.Contains("INV-1003", text);
        Assert.Contains("13,68,000.49", text);
        Assert.Contains("02-Dec-2026", text);
        Assert.Contains("Ramesh Iyer", text);
    }

    [Fact]
    public void A_long_letter_goes_on_to_more_pages()
    {
        var model = Model(withContact: false) with
        {
            Items = [.. Enumerable.Range(1, 150).Select(i => new CommunicationItem($"INV-{i:0000}", null, new DateOnly(2026, 10, 1), 1000m, 1000m, 62))],
        };
        var message = Renderer.Render(DefaultTemplates.Find("final-notice")!, model);

        var text = PdfText(LetterPdf.Render(model, message), out var pages);

        Assert.True(pages >= 4, $"{pages} pages");
        Assert.Contains("INV-0001", text);
        Assert.Contains("INV-0150", text);
        Assert.Contains("1,50,000.00", text);
        Assert.Contains($"Page {pages} of {pages}", text);
    }

    [Fact]
    public void A_letter_can_be_made_from_a_plain_text_message()
    {
        var model = Model();
        var message = new RenderedMessage("Overdue", "", "Dear Sir/Madam,\n\nPlease pay.\n\nCollections team");

        var text = PdfText(LetterPdf.Render(model, message), out _);

        Assert.Contains("Please pay.", text);
        Assert.Contains("INV-1002", text);
    }

    /// <summary>The strings a PDF's pages show as text (PDFsharp writes text its standard encoding has as literals).</summary>
    private static string PdfText(byte[] pdf, out int pages)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        pages = document.PageCount;
        var text = new StringBuilder();
        foreach (var page in document.Pages)
        {
            for (var i = 0; i < page.Contents.Elements.Count; i++)
            {
                var content = Encoding.Latin1.GetString(page.Contents.Elements.GetDictionary(i)!.Stream!.UnfilteredValue);
                foreach (Match literal in PdfLiteral().Matches(content))
                {
                    text.Append(Regex.Replace(literal.Groups[1].Value, @"\\(.)", "$1")).Append('\n');
                }
            }
        }
        return text.ToString();
    }

    [GeneratedRegex(@"\(((?:\\.|[^\\)])*)\)\s*Tj")]
    private static partial Regex PdfLiteral();
}
