"""Records to PDF; never touches the database."""
