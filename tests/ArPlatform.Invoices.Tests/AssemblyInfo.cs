using ArPlatform.Testing;

// One PostgreSQL, RabbitMQ and Redis for the whole assembly, stopped after its last test (SharedServers).
[assembly: TestFramework(SharedServersTestFramework.TypeName, SharedServersTestFramework.AssemblyName)]
