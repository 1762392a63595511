namespace ArPlatform.BuildingBlocks.Time;

/// <summary>
/// Time as the platform's users read it: India (Asia/Kolkata, UTC+05:30 all year). Business dates, and every time a
/// person is shown, are India's; instants are kept in UTC.
/// </summary>
public static class India
{
    public static readonly TimeZoneInfo TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    /// <summary><paramref name="moment"/> as a clock in India shows it.</summary>
    public static DateTimeOffset Time(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, TimeZone);

    /// <summary>The date in India at <paramref name="moment"/>.</summary>
    public static DateOnly Date(DateTimeOffset moment) => DateOnly.FromDateTime(Time(moment).DateTime);

    /// <summary>The first instant of <paramref name="date"/> in India.</summary>
    public static DateTimeOffset StartOf(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeZone.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
}
