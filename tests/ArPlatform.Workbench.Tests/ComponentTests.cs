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
        Assert.Equal(["230", "115", "0"], bars.Select(b => b.GetAttribute("width")));
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
            PromiseDate = "11-12-2026",
            DisputeInvoice = "BT-1",
            DisputeReason = "pricing",
            NextDate = "12-Dec-2026",
            NextType = "visit",
        }.ToRequest();
        Assert.Equal(new PromiseRequest(50000m, new DateOnly(2026, 12, 11)), everything.Promise);
        Assert.Equal(new DisputeRequest("BT-1", null, "pricing", null), everything.Dispute);
        Assert.Equal(new NextActionRequest(new DateOnly(2026, 12, 12), "visit"), everything.NextAction);

        // An amount without a date is sent, so that the API names the missing date rather than the promise being dropped.
        Assert.Equal(new PromiseRequest(1000m, null), new LogCallForm { PromiseAmount = 1000m }.ToRequest().Promise);
    }

    [Theory]
    [InlineData("07-12-2026")]
    [InlineData("7-12-2026")]
    [InlineData("07/12/2026")]
    [InlineData("07.12.2026")]
    [InlineData("07-12-26")]
    [InlineData("07-Dec-2026")]
    [InlineData("7 dec 2026")]
    [InlineData(" 07-DEC-2026 ")]
    [InlineData("2026-12-07")]
    public void A_date_is_read_day_first_as_Indian_offices_write_it(string typed) =>
        Assert.Equal(new DateOnly(2026, 12, 7), DateText.Parse(typed));

    [Theory]
    [InlineData("12/31/2026")] // month first: there is no 31st month
    [InlineData("31-02-2026")]
    [InlineData("next friday")]
    [InlineData("")]
    [InlineData(null)]
    public void Text_that_names_no_date_day_first_is_no_date(string? typed) => Assert.Null(DateText.Parse(typed));

    [Fact]
    public void A_date_typed_month_first_or_not_at_all_stops_the_call_with_the_field_named_and_the_API_is_not_asked()
    {
        var form = new LogCallForm { PromiseAmount = 1000m, PromiseDate = "12/31/2026", NextDate = "tomorrow" };
        var errors = form.Errors();
        Assert.Equal(["nextAction.date", "promise.promisedDate"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("14-12-2026", errors["promise.promisedDate"][0], StringComparison.Ordinal);
        Assert.Empty(new LogCallForm { PromiseDate = "31-12-2026", NextDate = " " }.Errors());
    }

    [Fact]
    public void The_default_strategy_is_described_by_where_it_stands_not_by_its_sentinel_priority()
    {
        var builtIn = new Strategy("default", "Standard B2B collection", int.MinValue, [], IsDefault: true);
        Assert.Equal("tried last: applies where no other strategy does", StrategyText.Order(builtIn));
        Assert.Equal("priority 10", StrategyText.Order(new Strategy("key", "Key accounts", 10, [], IsDefault: false)));
        Assert.Equal("priority 0, the default", StrategyText.Order(builtIn with { Priority = 0 }));

        Assert.Equal("every account", StrategyText.Scope(null));
        Assert.Equal("risk D, E; dealer; acts once at least ₹50,000.00 is overdue",
            StrategyText.Scope(new StrategyScope(["D", "E"], ["dealer"], null, 50000m)));
    }

    [Fact]
    public void CEI_is_drawn_from_0_to_100_percent_with_a_figure_without_a_collectible_base_shown_as_na_and_one_below_0_held_at_0_and_explained()
    {
        // The domain's example: 55.93%, drawn as it is.
        var ordinary = CeiChart.Point("Sep-26", new CeiFigure(55.93m, 6_200m, 3_630m, 6_340m, 3_590m));
        Assert.Equal(new LinePoint("Sep-26", 55.93m, "55.9%"), ordinary);

        // More not yet due at the end than beginning AR plus a month's sales: the denominator is negative and the formula gives 639%.
        var noBase = CeiChart.Point("Oct-26", new CeiFigure(639m, 1_000m, 3_000m, 4_639m, 4_100m));
        Assert.Equal((null, "n/a"), (noBase.Plotted, noBase.Shown));
        Assert.Contains("the formula gives 639%", noBase.Note, StringComparison.Ordinal);
        Assert.Contains("₹4,100.00", noBase.Note, StringComparison.Ordinal);

        // Ending AR above beginning AR plus a month's sales, with a collectible base: −171%, held at 0% and marked.
        var below = CeiChart.Point("Nov-26", new CeiFigure(-171.43m, 2_000m, 1_500m, 5_900m, 2_100m));
        Assert.Equal((0m, "-171.4%"), (below.Plotted, below.Shown));
        Assert.StartsWith("drawn at 0%", below.Note, StringComparison.Ordinal);
        Assert.Equal("<0%", below.Tag);

        var none = CeiChart.Point("Dec-26", new CeiFigure(null, 0, 0, 0, 0));
        Assert.Equal((null, "n/a"), (none.Plotted, none.Shown));
    }

    [Fact]
    public void A_marked_point_is_drawn_hollow_with_its_tag_on_the_chart_its_figure_read_out_and_its_note_as_tooltip()
    {
        var svg = LineChart.Svg("CEI by month",
            [new LinePoint("Sep", 50m, "50%"), new LinePoint("Oct", null, "n/a", "no base"), new LinePoint("Nov", 0m, "-171%", "drawn at 0%", "<0%")]);

        Assert.Contains("aria-label=\"CEI by month: Sep 50%; Oct n/a; Nov -171%\"", svg, StringComparison.Ordinal);
        Assert.Contains("points=\"40,18 540,128\"", svg, StringComparison.Ordinal); // from 0 to the highest; the n/a month is a gap
        Assert.Equal(1, svg.Split("class=\"dot marked\"").Length - 1);
        Assert.Contains(">&lt;0%<title>Nov: -171%: drawn at 0%</title></text>", svg, StringComparison.Ordinal);
        Assert.Contains(">n/a<title>Oct: n/a: no base</title></text>", svg, StringComparison.Ordinal);
    }
}
