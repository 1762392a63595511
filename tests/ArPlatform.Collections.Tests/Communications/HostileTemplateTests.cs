using System.Diagnostics;
using ArPlatform.Collections.Communications;

namespace ArPlatform.Collections.Tests;

/// <summary>
/// Templates a tenant could write to stall the shared process: each is refused, or cut, well within the render budget,
/// and the HTML of any body is read in time linear in its length.
/// </summary>
public sealed class HostileTemplateTests
{
    /// <summary>The render budget (2 s by default) with room for a loaded machine; the old code took minutes or more.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private static readonly TemplateRenderer Renderer = new();

    private static string Repeat(string unit, int times) => string.Concat(Enumerable.Repeat(unit, times));

    private static CommunicationModel Model() => new(
        "CUST-1", "Shree Ganesh Traders", new CommunicationContact("Ravi", null, "L1", "ravi@sg.example", null),
        [new("INV-1", null, new DateOnly(2026, 11, 1), 1000m, 1000m, 30)],
        new DateOnly(2026, 12, 1), "Priya", "Bharat Steel", null, "Reminder", "email");

    public static TheoryData<string, string> Hostile => new()
    {
        // Over the old 5,000,000-character output cap it was refused; just under it, the HTML reader took quadratic time.
        { "a million unclosed tags from nested for loops", "{% for i in (1..1000) %}{% for j in (1..1000) %}<a{% endfor %}{% endfor %}" },
        { "five million characters of unclosed tags from a loop", "{% for i in (1..99) %}" + Repeat("<a", 25_000) + "{% endfor %}" },
        { "a string doubled by append", "{% assign s = '<a' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}" },
        { "a string built by a long append loop", "{% for i in (1..100000) %}{% assign s = s | append: '<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a<a' %}{% endfor %}{{ s }}" },
        { "links nested a hundred thousand deep", "{% for i in (1..100) %}{% for j in (1..1000) %}<a href=\"https://x.example\">{% endfor %}{% endfor %}pay"
            + "{% for i in (1..100) %}{% for j in (1..1000) %}</a>{% endfor %}{% endfor %}" },
        { "blocks nested a thousand deep", Repeat("{% if true %}", 1000) + "<a" + Repeat("{% endif %}", 1000) },
        { "loops nested twenty deep", Repeat("{% for i in (1..10) %}", 20) + "<a" + Repeat("{% endfor %}", 20) },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_template_is_refused_within_the_budget_saying_which_limit_it_exceeded(string what, string body)
    {
        var watch = Stopwatch.StartNew();
        var refusal = await Task.Run(() => Record.Exception(() => Renderer.Render(new MessageTemplate("hostile", "email", "Dues", body), Model()))).WaitAsync(Deadline);

        Assert.True(refusal is not null, $"{what}: rendered in {watch.Elapsed}");
        Assert.True(refusal.Message.StartsWith("template exceeded", StringComparison.Ordinal), $"{what}: {refusal.GetType().Name}: {refusal.Message}");
        Assert.True(watch.Elapsed < Deadline, $"{what}: {watch.Elapsed}");
    }

    [Theory]
    [InlineData("<a")]
    [InlineData("<a b")]
    [InlineData("<!--")]
    [InlineData("<!--<a")]
    public async Task A_million_unclosed_tags_or_comments_read_as_text_in_linear_time(string unit)
    {
        var html = Repeat(unit, 1_000_000);
        var watch = Stopwatch.StartNew();

        var text = await Task.Run(() => HtmlText.ToText(html)).WaitAsync(Deadline);

        Assert.Equal(html.Replace(" ", "", StringComparison.Ordinal).Length, text.Replace(" ", "", StringComparison.Ordinal).Length);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{watch.Elapsed}");
    }

    [Fact]
    public async Task Links_nested_deep_read_in_linear_time()
    {
        var html = Repeat("<a href=\"https://x.example\">", 100_000) + "pay" + Repeat("</a>", 100_000);
        var watch = Stopwatch.StartNew();

        var text = await Task.Run(() => HtmlText.ToText(html)).WaitAsync(Deadline);

        Assert.StartsWith("pay (https://x.example)", text, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{watch.Elapsed}");
    }

    [Fact]
    public async Task A_wide_cell_does_not_pad_every_row_of_a_long_table_to_its_width()
    {
        var html = "<table><tr><td>" + new string('x', 20_000) + "</td></tr>" + Repeat("<tr><td>y</td></tr>", 20_000) + "</table>";

        var text = await Task.Run(() => HtmlText.ToText(html)).WaitAsync(Deadline);

        Assert.True(text.Length < 1_000_000, $"{text.Length} characters");
    }
}
