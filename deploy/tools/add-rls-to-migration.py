#!/usr/bin/env python3
"""Adds row-level security for the given tenant tables at the end of a migration's Up():
   deploy/tools/add-rls-to-migration.py <migration.cs> <table> [<table> ...]"""
import re, sys

path, tables = sys.argv[1], sys.argv[2:]
src = open(path).read()
if "using ArPlatform.BuildingBlocks.Persistence;" not in src:
    src = "using ArPlatform.BuildingBlocks.Persistence;\n" + src
up = src.index("protected override void Up(")
down = src.index("protected override void Down(")
end = src.rindex("}", up, down)  # closing brace of Up
calls = "".join(f'\n            migrationBuilder.EnableTenantIsolation("{t}");' for t in tables)
src = src[:end].rstrip() + "\n" + calls + "\n        " + src[end:]
open(path, "w").write(src)
