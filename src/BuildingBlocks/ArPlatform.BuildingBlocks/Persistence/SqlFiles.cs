using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;

namespace ArPlatform.BuildingBlocks.Persistence;

/// <summary>
/// The functions and triggers a service's migrations create, kept as SQL files under its <c>Persistence/Sql/</c> and
/// embedded by file name (<c>ledger_keep_balances.v1.sql</c>). A migration runs the version it creates; a released
/// version is never edited, since databases already migrated would not see the change: a change is a new file
/// (<c>.v2.sql</c>) run by a new migration.
/// </summary>
public static class SqlFiles
{
    /// <summary>Runs the embedded SQL file <paramref name="name"/> of <paramref name="assembly"/>.</summary>
    public static OperationBuilder<SqlOperation> SqlFile(this MigrationBuilder migrationBuilder, Assembly assembly, string name) =>
        migrationBuilder.Sql(Read(assembly, name));

    /// <summary>The text of the embedded SQL file <paramref name="name"/>, with <c>\n</c> line ends whatever the checkout's.</summary>
    public static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} embeds no SQL file '{name}' (it embeds: {string.Join(", ", assembly.GetManifestResourceNames())}).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
