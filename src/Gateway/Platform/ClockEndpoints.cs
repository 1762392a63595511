using ArPlatform.BuildingBlocks.Time;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using ArPlatform.ServiceDefaults.Time;

namespace ArPlatform.Gateway.Platform;

/// <summary>A move of the platform test clock: exactly one of a new time (later than the platform's) or a number of days.</summary>
/// <param name="Now">The time the platform moves to, with its offset (e.g. 2027-01-15T10:00:00+05:30).</param>
/// <param name="AdvanceDays">Days the platform moves ahead (1 to 366).</param>
public sealed record ClockMoveRequest(DateTimeOffset? Now, int? AdvanceDays);

/// <summary>Where the platform test clock stands.</summary>
/// <param name="Now">The platform's time, in India (UTC+05:30).</param>
/// <param name="BusinessDate">The platform's business date (the date in India).</param>
/// <param name="SystemNow">The machine's own time, in UTC.</param>
/// <param name="OffsetSeconds">How far the platform is ahead of the machine's time.</param>
public sealed record ClockResponse(DateTimeOffset Now, DateOnly BusinessDate, DateTimeOffset SystemNow, long OffsetSeconds);

/// <summary>
/// <c>GET</c> and <c>PUT /api/v1/platform/clock</c> (platform.admin): the platform test clock (configuration
/// <c>Platform:TestClock</c>). A move goes forward only; every service and replica follows within about a second and
/// its daily jobs run for each business date passed. When the test clock is off both answer 404.
/// </summary>
public static class ClockEndpoints
{
    public const string Path = "/api/v1/platform/clock";
    public const int MaxAdvanceDays = 366;

    public static IEndpointRouteBuilder MapClockEndpoints(this IEndpointRouteBuilder app)
    {
        var clock = app.MapGroup(Path).WithTags("Platform").RequireAuthorization(Scopes.PlatformAdmin).WithMetadata(new RequiredScope(Scopes.PlatformAdmin));
        clock.MapGet("/", (IServiceProvider services) =>
                services.GetService<PlatformTestClock>() is { } testClock ? Results.Ok(Where(testClock)) : Off())
            .WithName("GetPlatformClock").WithSummary("Where the platform test clock stands (404 when the test clock is off).")
            .Produces<ClockResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        clock.MapPut("/", PutAsync)
            .WithName("MovePlatformClock").WithSummary("Moves the platform test clock forward: to a later time, or a number of days ahead.")
            .Produces<ClockResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> PutAsync(ClockMoveRequest request, IServiceProvider services)
    {
        if (services.GetService<PlatformTestClock>() is not { } testClock)
        {
            return Off();
        }

        var current = testClock.GetUtcNow();
        var validation = new Validation()
            .When((request.Now is null) == (request.AdvanceDays is null), request.Now is null ? "advanceDays" : "now", "exactly one of now and advanceDays must be given.")
            .When(request.AdvanceDays is < 1 or > MaxAdvanceDays, "advanceDays", $"must be between 1 and {MaxAdvanceDays}.")
            .When(request.Now is { } past && past <= current, "now", $"must be after the platform's time ({Format(current)}): the clock only moves forward.")
            .When(request.Now is { } far && far > current.AddYears(BusinessDate.MaxYearsAhead), "now",
                $"must be at most {BusinessDate.MaxYearsAhead} years after the platform's time.");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var store = services.GetRequiredService<PlatformClockStore>();
        TimeSpan offset;
        if (request.AdvanceDays is { } days)
        {
            offset = await store.AdvanceAsync(TimeSpan.FromDays(days));
        }
        else
        {
            var move = await store.MoveToAsync(request.Now!.Value - TimeProvider.System.GetUtcNow());
            if (!move.Moved)
            {
                // Another move got there first, between the check above and this one.
                return new Validation().Add("now", $"must be after the platform's time ({Format(TimeProvider.System.GetUtcNow() + move.Offset)}): the clock only moves forward.").Problem();
            }

            offset = move.Offset;
        }

        testClock.Observe((long)offset.TotalMilliseconds);
        return Results.Ok(Where(testClock));
    }

    private static ClockResponse Where(PlatformTestClock clock)
    {
        var now = clock.GetUtcNow();
        return new ClockResponse(India.Time(now), BusinessDate.Today(clock), TimeProvider.System.GetUtcNow(), (long)clock.Offset.TotalSeconds);
    }

    private static string Format(DateTimeOffset time) => India.Time(time).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);

    private static IResult Off() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "The platform test clock is off.",
        detail: "Start the platform with the parameter test-clock=true (Platform__TestClock=true) to move its time.");
}
