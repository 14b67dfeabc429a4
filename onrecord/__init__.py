"""The engine of On the Record: one module per pipeline stage, load -> validate -> link -> views -> render -> write
(see docs/architecture.md)."""
