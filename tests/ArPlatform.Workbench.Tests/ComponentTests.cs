using ArPlatform.Workbench.Api;
using ArPlatform.Workbench.Components;
using ArPlatform.Workbench.Components.Shared;
using Bunit;

namespace ArPlatform.Workbench.Tests;

/// <summary>The workbench's components on their own (bUnit): charts, errors in a collector's words, paging, the log-a-call request.</summary>
public sealed class ComponentTests : BunitContext
{
    [Fact]
    public void The_aging_chart_draws_a_bar_per_bucket_in_proportion_and_reads_every_figure_out_in_Indian_grouping()
    {
        var chart = Render<AgingChart>(p => p
            .Add(c => c.Buckets, [new AgingBucket("1-30", 118000.50m), new AgingBucket("31-60", 59000.25m), new AgingBucket("180+", 0m)])
            .Add(c => c.Title, "Open by age"));
        var bars = chart.FindAll("rect");
        Assert.Equal(["330", "165", "0"], bars.Select(b => b.GetAttribute("width")));
        var label = chart.Find("svg").GetAttribute("aria-label")!;
        Assert.Contains("1-30 days ₹1,18,000.50", label, StringComparison.Ordinal);
        Assert.Contains("180+ days ₹0.00", label, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trend_line_passes_through_each_month_and_reads_every_value_out_skipping_none()
    {
        var svg = LineChart.Svg("DSO by month", [("Sep-26", 40m), ("Oct-26", null), ("Nov-26", 80m)], " d");

        Assert.Contains("aria-label=\"DSO by month: Sep-26 40 d; Oct-26 none; Nov-26 80 d\"", svg, StringComparison.Ordinal);
        Assert.Contains("points=\"40,73 540,18\"", svg, StringComparison.Ordinal); // 40 of 80 is half the plot's height; the gap has no point
        Assert.Equal(2, svg.Split("<circle").Length - 1);
        Assert.Contains("&lt;b&gt;", LineChart.Svg("<b>", [("<b>", 1m)], ""), StringComparison.Ordinal);
        // A value below zero moves the axis up instead of leaving the chart.
        Assert.Contains("points=\"40,18 540,128\"", LineChart.Svg("CEI", [("Oct", 100m), ("Nov", -100m)], "%"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_label_with_markup_in_it_is_shown_as_text()
    {
        var svg = BarChart.Svg("<b>t</b>", [("<script>x</script>", 1m)]);
        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_names_the_form_fields_in_the_forms_words()
    {
        var problem = Render<Problem>(p => p.Add(c => c.Error, new ApiException(System.Net.HttpStatusCode.BadRequest, "Some fields need correcting.",
            new Dictionary<string, string[]> { ["promise.promisedDate"] = ["is required."], ["notes"] = ["is too long."] })));
        Assert.Equal("alert", problem.Find("div.problem").GetAttribute("role"));
        var items = problem.FindAll("li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains("Promised date is required.", items);
        Assert.Contains("Notes is too long.", items);
    }

    [Fact]
    public void The_pager_links_the_neighbouring_pages_only_where_they_exist()
    {
        var first = Render<Pager>(p => p.Add(c => c.Current, 1).Add(c => c.PageSize, 25).Add(c => c.Total, 60).Add(c => c.Link, n => $"worklist?page={n}"));
        Assert.Equal(["worklist?page=2"], first.FindAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("Page 1 of 3 (60)", first.Markup, StringComparison.Ordinal);
        var last = Render<Pager>(p => p.Add(c => c.Current, 3).Add(c => c.PageSize, 25).Add(c => c.Total, 60).Add(c => c.Link, n => $"worklist?page={n}"));
        Assert.Equal(["worklist?page=2"], last.FindAll("a").Select(a => a.GetAttribute("href")));
        Assert.Empty(Render<Pager>(p => p.Add(c => c.Current, 1).Add(c => c.PageSize, 25).Add(c => c.Total, 25).Add(c => c.Link, n => "")).FindAll("a"));
    }

    [Fact]
    public void Log_a_call_sends_only_the_parts_filled_in_and_a_half_filled_part_as_it_is()
    {
        var callOnly = new LogCallForm { Disposition = "no-answer", Notes = "  " }.ToRequest();
        Assert.Equal(("call", "no-answer", (string?)null), (callOnly.Type, callOnly.Disposition, callOnly.Notes));
        Assert.Null(callOnly.Promise);
        Assert.Null(callOnly.Dispute);
        Assert.Null(callOnly.NextAction);

        var everything = new LogCallForm
        {
            Disposition = "promised",
            PromiseAmount = 50000m,
            PromiseDate = new DateOnly(2026, 12, 11),
            DisputeInvoice = "BT-1",
            DisputeReason = "pricing",
            NextDate = new DateOnly(2026, 12, 12),
            NextType = "visit",
        }.ToRequest();
        Assert.Equal(new PromiseRequest(50000m, new DateOnly(2026, 12, 11)), everything.Promise);
        Assert.Equal(new DisputeRequest("BT-1", null, "pricing", null), everything.Dispute);
        Assert.Equal(new NextActionRequest(new DateOnly(2026, 12, 12), "visit"), everything.NextAction);

        // An amount without a date is sent, so that the API names the missing date rather than the promise being dropped.
        Assert.Equal(new PromiseRequest(1000m, null), new LogCallForm { PromiseAmount = 1000m }.ToRequest().Promise);
    }
}
