// The browser tests share one platform (WorkbenchPlatform); they run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
