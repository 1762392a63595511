// Each test class starts the whole platform from the AppHost; two of them starting at once on two cores (beside the
// other test projects) doubled every start. One platform at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
