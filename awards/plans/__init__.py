"""The campaign plans the office adopts, as data (plan_2023) and the loader that puts one in the database."""
