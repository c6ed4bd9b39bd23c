"""Imports of awards data through the Excel machinery of campaigns (campaigns/excel/)."""
