namespace ArPlatform.Customers.Customers;

/// <summary>GST state codes with their names and the region a distribution network groups them in.</summary>
public static class IndianStates
{
    public sealed record State(string Code, string Name, string? Region);

    public static readonly IReadOnlyDictionary<string, State> ByCode = new[]
    {
        new State("01", "Jammu and Kashmir", "North"), new State("02", "Himachal Pradesh", "North"), new State("03", "Punjab", "North"),
        new State("04", "Chandigarh", "North"), new State("05", "Uttarakhand", "North"), new State("06", "Haryana", "North"),
        new State("07", "Delhi", "North"), new State("08", "Rajasthan", "North"), new State("09", "Uttar Pradesh", "North"),
        new State("10", "Bihar", "East"), new State("11", "Sikkim", "East"), new State("12", "Arunachal Pradesh", "East"),
        new State("13", "Nagaland", "East"), new State("14", "Manipur", "East"), new State("15", "Mizoram", "East"),
        new State("16", "Tripura", "East"), new State("17", "Meghalaya", "East"), new State("18", "Assam", "East"),
        new State("19", "West Bengal", "East"), new State("20", "Jharkhand", "East"), new State("21", "Odisha", "East"),
        new State("22", "Chhattisgarh", "East"), new State("23", "Madhya Pradesh", "West"), new State("24", "Gujarat", "West"),
        new State("25", "Daman and Diu", "West"), new State("26", "Dadra and Nagar Haveli and Daman and Diu", "West"),
        new State("27", "Maharashtra", "West"), new State("28", "Andhra Pradesh (before 2014)", "South"), new State("29", "Karnataka", "South"),
        new State("30", "Goa", "West"), new State("31", "Lakshadweep", "South"), new State("32", "Kerala", "South"),
        new State("33", "Tamil Nadu", "South"), new State("34", "Puducherry", "South"), new State("35", "Andaman and Nicobar Islands", "East"),
        new State("36", "Telangana", "South"), new State("37", "Andhra Pradesh", "South"), new State("38", "Ladakh", "North"),
        new State("97", "Other Territory", null), new State("99", "Centre Jurisdiction", null),
    }.ToDictionary(s => s.Code);
}
