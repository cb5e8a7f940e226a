"""Katalog Inovasi Daerah: a static site generator for regional innovation catalogues."""
