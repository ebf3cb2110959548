# Elasticsearch with the SmartCn analysis plugin the PatentNav mapping uses (smartcn_tokenizer; cjk_bigram and
# cjk_width are built in). The mapping and golden request bodies were written against 9.1.
ARG ES_VERSION=9.1.5
FROM docker.elastic.co/elasticsearch/elasticsearch:${ES_VERSION}
RUN bin/elasticsearch-plugin install --batch analysis-smartcn
