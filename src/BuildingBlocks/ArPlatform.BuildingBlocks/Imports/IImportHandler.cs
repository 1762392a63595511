namespace ArPlatform.BuildingBlocks.Imports;

/// <summary>Imports the rows of one kind of file (invoices, payments, customers), reporting through <see cref="ImportRun"/>.</summary>
public interface IImportHandler
{
    string Kind { get; }

    /// <summary>The columns its files may and must have; a file whose header does not fit is refused as a whole.</summary>
    CsvColumns Columns { get; }

    Task RunAsync(ImportRun run, CancellationToken cancellationToken);
}
