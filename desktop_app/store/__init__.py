"""The database: schema, migrations and queries. The only place that writes SQL."""
