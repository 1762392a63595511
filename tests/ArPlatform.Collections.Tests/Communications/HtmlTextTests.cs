using ArPlatform.Collections.Communications;

namespace ArPlatform.Collections.Tests;

/// <summary>The HTML of a message body read as text: the plain-text alternative of an email and a letter's body.</summary>
public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("Dear Sir,\nPlease pay.", "Dear Sir,\nPlease pay.")] // no layout tags: the body's own lines are kept
    [InlineData("Dear Sir,\r\n\r\nPlease   pay.", "Dear Sir,\n\nPlease pay.")] // an empty line ends a paragraph
    [InlineData("<b>Dear</b> <i>Sir</i>,\nthank you", "Dear Sir,\nthank you")]
    [InlineData("<p>One</p><p>Two</p>", "One\n\nTwo")]
    [InlineData("<P>One</P>\n<P>Two</P>", "One\n\nTwo")] // tags in capitals
    [InlineData("<p>Please   pay\n   the amounts\tbelow.</p>", "Please pay the amounts below.")] // whitespace collapses as a browser's does
    [InlineData("<p>Hello <b> world</b> !</p>", "Hello world !")]
    [InlineData("<p>Thank you.<br>Regards,<br/>Priya</p>", "Thank you.\nRegards,\nPriya")]
    [InlineData("<div>Line one</div><div>Line two</div>", "Line one\nLine two")]
    [InlineData("<h1>Final notice</h1>Pay within seven days.", "Final notice\n\nPay within seven days.")]
    [InlineData("<p>Points:</p><ul><li>One</li><li>Two</li></ul><p>End</p>", "Points:\n\n- One\n- Two\n\nEnd")]
    [InlineData("<p>A &amp; B &lt;Traders&gt; &#8377;500&nbsp;only</p>", "A & B <Traders> ₹500 only")]
    [InlineData("<p>&nbsp;</p><p>Text</p><p> </p>", "Text")] // empty paragraphs vanish
    [InlineData("<style>p { color: red }</style><p>Hi</p><script>alert(1)</script>", "Hi")]
    [InlineData("<head><title>Reminder</title></head><p>Hi</p>", "Hi")]
    [InlineData("<p>Pay<!-- internal note --> now</p>", "Pay now")]
    public void Paragraphs_lines_and_words_read_as_a_browser_shows_them(string html, string text) =>
        Assert.Equal(text, HtmlText.ToText(html));

    [Theory]
    [InlineData("<p>See <a href=\"https://pay.example/x\">the payment page</a>.</p>", "See the payment page (https://pay.example/x).")]
    [InlineData("<p>See <a href=\"https://pay.example/x\">https://pay.example/x</a>.</p>", "See https://pay.example/x.")] // the text already shows it
    [InlineData("<p><a href=\"mailto:ar@client.example\">Write to us</a></p>", "Write to us (ar@client.example)")]
    [InlineData("<p><a href=\"mailto:ar@client.example\">AR@client.example</a></p>", "AR@client.example")]
    [InlineData("<p><a href=\"#top\">Back to top</a></p>", "Back to top")] // a link within the page has no address to give
    [InlineData("<p><a name=\"x\">Anchor</a></p>", "Anchor")]
    [InlineData("<p><a href='https://a.example/?x=1&amp;y=2'>pay</a></p>", "pay (https://a.example/?x=1&y=2)")]
    public void A_link_shows_its_address_after_its_text_unless_the_text_shows_it(string html, string text) =>
        Assert.Equal(text, HtmlText.ToText(html));

    private const string ItemsTable =
        "<p>Dear Sir,</p><table class=\"ar-items\">\n"
        + "<thead><tr><th>Invoice</th><th style=\"text-align:right\">Amount</th></tr></thead>\n"
        + "<tbody><tr><td>INV-1</td><td align=\"right\">₹500.00</td></tr>\n"
        + "<tr><td>INV-22</td><td style=\"padding:4px; text-align: right\">₹1,18,000.50</td></tr></tbody>\n"
        + "<tfoot><tr><td>Total</td><td style=\"text-align:right\">₹1,18,500.50</td></tr></tfoot></table><p>Regards</p>";

    [Fact]
    public void A_table_keeps_its_class_sections_cells_and_their_alignment()
    {
        var blocks = HtmlText.ToBlocks(ItemsTable);

        Assert.Equal(3, blocks.Count);
        Assert.Equal(["Dear Sir,"], Assert.IsType<ParagraphBlock>(blocks[0]).Lines);
        var table = Assert.IsType<TableBlock>(blocks[1]);
        Assert.Equal("ar-items", table.CssClass);
        Assert.Equal([TableSection.Head, TableSection.Body, TableSection.Body, TableSection.Foot], table.Rows.Select(r => r.Section));
        Assert.Equal(
            [
                [new TableCell("Invoice", false, true), new TableCell("Amount", true, true)],
                [new TableCell("INV-1", false, false), new TableCell("₹500.00", true, false)],
                [new TableCell("INV-22", false, false), new TableCell("₹1,18,000.50", true, false)],
                [new TableCell("Total", false, false), new TableCell("₹1,18,500.50", true, false)],
            ],
            table.Rows.Select(r => r.Cells.ToArray()));
        Assert.Equal(["Regards"], Assert.IsType<ParagraphBlock>(blocks[2]).Lines);
    }

    [Fact]
    public void A_table_reads_as_columns_padded_to_their_widest_cell_with_rules_under_the_head_and_over_the_foot()
    {
        Assert.Equal(
            "Dear Sir,\n\n"
            + "Invoice        Amount\n"
            + "---------------------\n"
            + "INV-1         ₹500.00\n"
            + "INV-22   ₹1,18,000.50\n"
            + "---------------------\n"
            + "Total    ₹1,18,500.50\n\n"
            + "Regards",
            HtmlText.ToText(ItemsTable));
    }

    [Fact]
    public void A_first_row_of_header_cells_is_the_head_even_without_thead()
    {
        var table = Assert.IsType<TableBlock>(Assert.Single(HtmlText.ToBlocks("<table><tr><th>A</th></tr><tr><td>1</td></tr></table>")));

        Assert.Null(table.CssClass);
        Assert.Equal([TableSection.Head, TableSection.Body], table.Rows.Select(r => r.Section));
        Assert.Equal("A\n-\n1", HtmlText.ToText([table]));
    }

    [Fact]
    public void A_cell_spanning_columns_leaves_empty_cells_after_it()
    {
        var table = Assert.IsType<TableBlock>(Assert.Single(HtmlText.ToBlocks(
            "<table><tr><td>INV-1</td><td>07-Dec-2026</td><td>500</td></tr><tr><td colspan=\"2\">Total</td><td>500</td></tr></table>")));

        Assert.Equal(["Total", "", "500"], table.Rows[1].Cells.Select(c => c.Text));
    }

    [Theory]
    [InlineData("<table><tr><td>Line one<br>line two</td></tr></table>", "Line one line two")] // a cell is one line
    [InlineData("<table><tr><td><p>One</p><div>Two</div></td></tr></table>", "One Two")]
    [InlineData("<table><tr><td>Outer <table><tr><td>inner</td><td>cells</td></tr></table> end</td></tr></table>", "Outer inner cells end")]
    [InlineData("<table><tr><td>  spaced \n out  </td></tr></table>", "spaced out")]
    [InlineData("<table><tr><td><a href=\"https://x.example\">pay</a></td></tr></table>", "pay (https://x.example)")]
    [InlineData("<table><tr><td>Never closed", "Never closed")] // an unclosed table ends with the body
    public void A_cells_contents_read_as_one_line_of_words(string html, string cell)
    {
        var table = Assert.IsType<TableBlock>(Assert.Single(HtmlText.ToBlocks(html)));

        Assert.Equal(cell, Assert.Single(Assert.Single(table.Rows).Cells).Text);
    }

    [Fact]
    public void Text_between_a_tables_rows_is_not_a_cell_and_an_empty_table_is_nothing()
    {
        Assert.Equal("x", HtmlText.ToText("<table>stray<tr>\n <td>x</td> </tr></table>"));
        Assert.Empty(HtmlText.ToBlocks("<table></table>"));
        Assert.Empty(HtmlText.ToBlocks("<table><tr></tr></table>"));
    }
}
